"""Strategy status: the library's action plan, measurement points bound to live figures,
half-yearly statuses, and the plan file in and out (CSV and XLSX)."""
