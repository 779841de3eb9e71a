"""Staff statistics: every figure of the metrics registry for a period and a scope, as
tables, server-drawn charts and CSV/XLSX exports."""
