// Chapters measure real time: they run one at a time so that they do not compete for the machine's cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
