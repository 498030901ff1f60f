//! Work spread over the available cores where threads exist (sequentially on wasm32): two
//! independent computations at once, or one computation over many weighted items.

/// Runs `a` and `b`, `a` on a scoped thread where threads exist, and returns both answers.
pub(crate) fn join<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::scope(|scope| {
            let first = scope.spawn(a);
            let second = b();
            (first.join().expect("the work does not panic"), second)
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        (a(), b())
    }
}

/// `f(i)` for every index of `weights`, in order. Where threads exist and the total weight is
/// at least `min_per_thread` per core, the cores take the items one at a time, heaviest first,
/// so that none waits long for another at the end.
pub(crate) fn map_weighted<R: Send>(
    weights: &[usize],
    min_per_thread: usize,
    f: impl Fn(usize) -> R + Sync,
) -> Vec<R> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let total: usize = weights.iter().sum();
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(total / min_per_thread.max(1))
            .max(1);
        if threads > 1 {
            let mut order: Vec<usize> = (0..weights.len()).collect();
            order.sort_by_key(|&i| std::cmp::Reverse(weights[i]));
            let next = AtomicUsize::new(0);
            let work = || {
                let mut done = Vec::new();
                while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    done.push((i, f(i)));
                }
                done
            };
            let done: Vec<(usize, R)> = std::thread::scope(|scope| {
                let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
                let mut done = work();
                for helper in helpers {
                    done.extend(helper.join().expect("the work does not panic"));
                }
                done
            });
            let mut slots: Vec<Option<R>> = (0..weights.len()).map(|_| None).collect();
            for (i, answer) in done {
                slots[i] = Some(answer);
            }
            return slots
                .into_iter()
                .map(|answer| answer.expect("every item is taken once"))
                .collect();
        }
    }
    #[cfg(target_arch = "wasm32")]
    let _ = min_per_thread;
    (0..weights.len()).map(f).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_work_keeps_the_order_of_its_items() {
        let weights: Vec<usize> = (0..1000).map(|i| i % 7 * 1000).collect();
        let squares = map_weighted(&weights, 1, |i| i * i);
        assert_eq!(squares, (0..1000).map(|i| i * i).collect::<Vec<_>>());
        assert!(map_weighted(&[], 1, |i| i).is_empty());
    }
}
