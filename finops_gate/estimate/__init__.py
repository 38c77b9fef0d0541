"""ResourceChange -> CostDelta: mappers say what to price, catalogs say how much."""
