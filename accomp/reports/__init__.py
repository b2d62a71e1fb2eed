"""What leaves the machine, in the shape it leaves in.

- `summary`: the tables of an anonymised summary, what each counts, and their
  small-cell suppression (only published numbers are kept);
- `json_report`, `csv_report`, `xlsx_report`, `pdf` (Qt, offscreen): the writers;
- `activity_rows`: the anonymised activity file (CSV, Parquet), its schema and its
  checked reader; `activity_csv` its CSV forms (for a spreadsheet, for tools);
- `consolidate`: a team's summary from several workers' activity files;
- `output`: rendering by format and atomic, private writing.

No module here opens the vault: services hand over counts or anonymised rows.
"""
