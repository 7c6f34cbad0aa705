namespace Platform.Actors.PostgreSql;

/// <summary>
/// A PostgreSQL grain storage or reminder table operation failed for a reason other than a version conflict: the database was unreachable,
/// timed out, or refused the command. The message names the grain and state (or reminder) and what to do; <see cref="Exception.InnerException"/>
/// is Npgsql's exception.
/// </summary>
public sealed class PostgreSqlStorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PostgreSqlStorageException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PostgreSqlStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public PostgreSqlStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message, its cause and whether retrying later may succeed.</summary>
    public PostgreSqlStorageException(string message, bool isTransient, Exception innerException)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>
    /// True when the same operation may succeed later (connection lost, server restarting, timeout). A failed write may still have been
    /// applied: read the state again rather than retrying blindly; a retry with the old ETag fails if it was.
    /// </summary>
    public bool IsTransient { get; }
}
