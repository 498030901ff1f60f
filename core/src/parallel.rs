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
/// at least `min_per_thread` per core, the indexes are split over the cores in contiguous runs
/// of about equal weight.
pub(crate) fn map_weighted<R: Send>(
    weights: &[usize],
    min_per_thread: usize,
    f: impl Fn(usize) -> R + Sync,
) -> Vec<R> {
    let run = |start: usize, end: usize| (start..end).map(&f).collect::<Vec<R>>();
    #[cfg(not(target_arch = "wasm32"))]
    {
        let total: usize = weights.iter().sum();
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(total / min_per_thread.max(1))
            .max(1);
        if threads > 1 {
            let share = total.div_ceil(threads);
            let mut runs: Vec<(usize, usize)> = Vec::new();
            let (mut start, mut size) = (0, 0);
            for (i, weight) in weights.iter().enumerate() {
                size += weight;
                if size >= share {
                    runs.push((start, i + 1));
                    (start, size) = (i + 1, 0);
                }
            }
            runs.push((start, weights.len()));
            return std::thread::scope(|scope| {
                let handles: Vec<_> = runs
                    .into_iter()
                    .map(|(start, end)| scope.spawn(move || run(start, end)))
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().expect("the work does not panic"))
                    .collect()
            });
        }
    }
    #[cfg(target_arch = "wasm32")]
    let _ = min_per_thread;
    run(0, weights.len())
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
