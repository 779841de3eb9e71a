"""Season allocation: associations apply for weekly rooms, staff allocate by priority tiers."""
