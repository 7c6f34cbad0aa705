namespace Platform.Actors.Runtime;

/// <summary>The answer to a <see cref="Message"/>: the serialized result, or the exception the caller should see.</summary>
internal sealed class ResponseMessage
{
    private static readonly byte[] EmptyBody = [];

    private ResponseMessage(byte[] body, Exception? exception)
    {
        Body = body;
        Exception = exception;
    }

    public byte[] Body { get; }

    public Exception? Exception { get; }

    public static ResponseMessage Success(byte[] body) => new(body, null);

    public static ResponseMessage Failure(Exception exception) => new(EmptyBody, exception);
}
