"""Locations (libraries and other meeting places), rooms, equipment, opening hours,
closures and each room's booking rules."""
