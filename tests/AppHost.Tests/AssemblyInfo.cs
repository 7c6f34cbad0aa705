// The run test counts the processes a whole system leaves behind: nothing else may start processes meanwhile.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
