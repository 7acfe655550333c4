namespace AsyncLab;

/// <summary>From <see cref="At"/> until the next step, <see cref="InUse"/> resources of a <see cref="ResourcePool{T}"/> were rented and <see cref="Waiting"/> callers waited.</summary>
/// <param name="At">When a count changed, relative to the pool's creation.</param>
/// <param name="InUse">How many resources were rented from that moment on.</param>
/// <param name="Waiting">How many callers were waiting for a resource from that moment on.</param>
public readonly record struct PoolStep(TimeSpan At, int InUse, int Waiting);
