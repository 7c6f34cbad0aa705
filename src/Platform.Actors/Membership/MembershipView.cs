namespace Platform.Actors.Membership;

/// <summary>This process's current view of the cluster, replaced as a whole when the table changes.</summary>
internal sealed class MembershipView
{
    private readonly Lock _lock = new();
    private MembershipSnapshot _current = MembershipSnapshot.Empty;

    /// <summary>Raised (on the refreshing thread) with the previous and the new view when the view changes.</summary>
    public event Action<MembershipSnapshot, MembershipSnapshot>? Changed;

    public MembershipSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Installs <paramref name="next"/> unless it is older than the current view; returns true when it changed anything.</summary>
    public bool Update(MembershipSnapshot next)
    {
        MembershipSnapshot previous;
        lock (_lock)
        {
            previous = _current;
            if (next.Version < previous.Version || next.SameAs(previous))
            {
                return false;
            }

            Volatile.Write(ref _current, next);
        }

        Changed?.Invoke(previous, next);
        return true;
    }
}
