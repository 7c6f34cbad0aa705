// Each test starts a whole system (PostgreSQL, Redis, 3 silos, the API): two cores run one at a time, not several.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
