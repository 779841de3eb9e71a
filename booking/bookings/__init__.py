"""Bookings: requests for a room, their occurrences (one per concrete slot), approval,
cancellation, recurrence, the no-overlap invariant and the room waitlist."""
