//! Synthetic control-center trees for benchmarks and scale tests.
