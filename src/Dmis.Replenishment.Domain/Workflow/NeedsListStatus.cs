namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>The status of a needs list (<c>needs_list.status_code</c>, check <c>c_needs_list_status</c>).</summary>
public enum NeedsListStatus
{
    Draft,
    PendingApproval,
    UnderReview,
    Approved,
    Rejected,
    Returned,
    InProgress,
    Fulfilled,
    Cancelled,
    Superseded,
}

/// <summary>Converts <see cref="NeedsListStatus"/> to and from the database words.</summary>
public static class NeedsListStatusWords
{
    private static readonly WordMap<NeedsListStatus> Map = new("needs-list status", new Dictionary<NeedsListStatus, string>
    {
        [NeedsListStatus.Draft] = "DRAFT",
        [NeedsListStatus.PendingApproval] = "PENDING_APPROVAL",
        [NeedsListStatus.UnderReview] = "UNDER_REVIEW",
        [NeedsListStatus.Approved] = "APPROVED",
        [NeedsListStatus.Rejected] = "REJECTED",
        [NeedsListStatus.Returned] = "RETURNED",
        [NeedsListStatus.InProgress] = "IN_PROGRESS",
        [NeedsListStatus.Fulfilled] = "FULFILLED",
        [NeedsListStatus.Cancelled] = "CANCELLED",
        [NeedsListStatus.Superseded] = "SUPERSEDED",
    });

    /// <summary>The words in enum order.</summary>
    public static IReadOnlyList<string> All => Map.All;

    public static string ToWord(this NeedsListStatus value) => Map.ToWord(value);

    /// <summary>Accepts the database words, ignoring case and surrounding blanks.</summary>
    public static bool TryParse(string? word, out NeedsListStatus value) => Map.TryParse(word, out value);

    public static NeedsListStatus Parse(string? word) => Map.Parse(word);
}
