// The functional tests each start DCP and real servers on a 2-core machine, and one of them changes PATH for a moment:
// one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
