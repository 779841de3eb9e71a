"""Activities with registration, waitlist and attendance (DESIGN §5)."""
