"""Visitor counts per location: entered by staff per day or month, or imported from the
people counters' CSV files."""
