"""The counts funders ask for: per-day tallies (``tally``), the yearly report
(``yearly``), what staff see and export (``staff_view``), and the retention that makes
old visits anonymous without changing a count (``retention``)."""
