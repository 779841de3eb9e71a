"""Open communities (åbne fællesskaber): proposals, moderation, schedules and the annual edition."""
