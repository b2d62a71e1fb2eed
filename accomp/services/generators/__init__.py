"""Generators of synthetic data: the demonstration logbook (`demo.generate_demo`)
and the distributions it draws from, which the benchmark dataset
(tests/bench/dataset.py) reuses to build its large vaults."""
