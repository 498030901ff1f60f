//! Two independent computations at once, where threads exist (sequentially on wasm32).

/// Runs `a` and `b`, `a` on a scoped thread where threads exist, and returns both answers.
pub(crate) fn join<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::scope(|scope| {
            let first = scope.spawn(a);
            let second = b();
            (first.join().expect("the analyses do not panic"), second)
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        (a(), b())
    }
}
