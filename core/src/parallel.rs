//! Work spread over the available cores where threads exist (sequentially on wasm32): two
//! independent computations at once, or one computation over many items, taken heaviest first
//! or in an order the caller gives.

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
    let total: usize = weights.iter().sum();
    let threads = cores().min(total / min_per_thread.max(1)).max(1);
    let mut order: Vec<usize> = (0..weights.len()).collect();
    if threads > 1 {
        order.sort_by_key(|&i| std::cmp::Reverse(weights[i]));
    }
    map_queue(&order, threads, f)
}

/// How many threads may run at once: the available cores (1 on wasm32).
pub(crate) fn cores() -> usize {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
    #[cfg(target_arch = "wasm32")]
    {
        1
    }
}

/// `f(i)` for every index of `order` (a permutation of `0..order.len()`), the answers in index
/// order. Up to `threads` threads (where threads exist) take the items one at a time in the
/// order given, so an item may wait for what an earlier one makes.
pub(crate) fn map_queue<R: Send>(
    order: &[usize],
    threads: usize,
    f: impl Fn(usize) -> R + Sync,
) -> Vec<R> {
    #[cfg(not(target_arch = "wasm32"))]
    if threads > 1 && order.len() > 1 {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let next = AtomicUsize::new(0);
        let work = || {
            let mut done = Vec::new();
            while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                done.push((i, f(i)));
            }
            done
        };
        let done: Vec<(usize, R)> = std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..threads.min(order.len()))
                .map(|_| scope.spawn(work))
                .collect();
            let mut done = work();
            for helper in helpers {
                done.extend(helper.join().expect("the work does not panic"));
            }
            done
        });
        let mut slots: Vec<Option<R>> = (0..order.len()).map(|_| None).collect();
        for (i, answer) in done {
            slots[i] = Some(answer);
        }
        return slots
            .into_iter()
            .map(|answer| answer.expect("every item is taken once"))
            .collect();
    }
    #[cfg(target_arch = "wasm32")]
    let _ = threads;
    let mut slots: Vec<Option<R>> = (0..order.len()).map(|_| None).collect();
    for &i in order {
        slots[i] = Some(f(i));
    }
    slots
        .into_iter()
        .map(|answer| answer.expect("every item is taken once"))
        .collect()
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

    #[test]
    fn a_queue_takes_its_items_in_the_order_given_and_answers_in_index_order() {
        let taken = std::sync::Mutex::new(Vec::new());
        let order = [3, 0, 2, 1];
        let answers = map_queue(&order, 1, |i| {
            taken.lock().unwrap().push(i);
            i * 10
        });
        assert_eq!(answers, [0, 10, 20, 30]);
        assert_eq!(*taken.lock().unwrap(), order);
        assert_eq!(map_queue(&order, 4, |i| i + 1), [1, 2, 3, 4]);
    }
}
