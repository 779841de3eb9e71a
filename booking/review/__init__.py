"""The annual room review: per location and year, the rooms' figures (frozen when the review
is completed), citizens' statements, evaluations and decisions with follow-up."""
