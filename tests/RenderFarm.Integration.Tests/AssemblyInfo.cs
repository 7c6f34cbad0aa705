// Each test starts a whole system (PostgreSQL, Redis, the bank's and the farm's silos, both APIs): one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
