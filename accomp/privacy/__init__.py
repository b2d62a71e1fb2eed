"""What may leave a worker's machine, and in what form.

Pure functions, without Qt or the database, so that the rules protecting the people
in the logbook can be read, tested and audited on their own:

- `pseudonym`: structure-wide keys to count people across logbooks without names;
- `generalise`: the coarse grains (month, département, age band, duration bucket)
  at which quasi-identifiers are exported;
- `cellkey`: the cell-key method that protects the summaries' counts (a
  perturbation table, record and cell keys);
- `suppression`: local suppression of rare combinations (activity files), and
  small-cell suppression of count tables (kept for tables outside summaries).
"""
