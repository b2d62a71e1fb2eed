"""What may leave a worker's machine, and in what form.

Pure functions, without Qt or the database, so that the rules protecting the people
in the logbook can be read, tested and audited on their own:

- `pseudonym`: structure-wide keys to count people across logbooks without names;
- `generalise`: the coarse grains (month, département, age band, duration bucket)
  at which quasi-identifiers are exported;
- `suppression`: small-cell suppression of count tables, with complementary
  suppression against recomputation from totals, and local suppression of
  activity-row exports.
"""
