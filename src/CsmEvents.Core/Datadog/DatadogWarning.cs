namespace CsmEvents.Datadog;

/// <summary>
/// Datadog answered but says the results may be incomplete: <c>meta.status</c> was <c>timeout</c>, or
/// <c>meta.warnings[]</c> had an entry. The search goes on; the host shows <see cref="Message"/> as a warning.
/// </summary>
public sealed class DatadogWarning
{
    /// <summary>Creates a warning.</summary>
    public DatadogWarning(int pageNumber, string? requestId, string code, string title, string detail, string message)
    {
        PageNumber = pageNumber;
        RequestId = requestId;
        Code = code;
        Title = title;
        Detail = detail;
        Message = message;
    }

    /// <summary>The page (1-based) the warning came with.</summary>
    public int PageNumber { get; }

    /// <summary>Datadog's <c>meta.request_id</c>, for support requests; null when absent.</summary>
    public string? RequestId { get; }

    /// <summary>Datadog's warning code, or <c>timeout</c> for <c>meta.status: timeout</c>.</summary>
    public string Code { get; }

    /// <summary>Datadog's short title (may be empty).</summary>
    public string Title { get; }

    /// <summary>Datadog's explanation (may be empty).</summary>
    public string Detail { get; }

    /// <summary>The full sentence to show the user, naming page, request id and that results are partial.</summary>
    public string Message { get; }

    /// <summary>Same as <see cref="Message"/>.</summary>
    public override string ToString() => Message;
}
