namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>How far a needs-list line has been delivered (<c>needs_list_item.fulfillment_status</c>).</summary>
public enum FulfillmentStatus
{
    Pending,
    Partial,
    Fulfilled,
    Cancelled,
}

/// <summary>Converts <see cref="FulfillmentStatus"/> to and from the database words.</summary>
public static class FulfillmentStatusWords
{
    private static readonly WordMap<FulfillmentStatus> Map = new("fulfilment status", new Dictionary<FulfillmentStatus, string>
    {
        [FulfillmentStatus.Pending] = "PENDING",
        [FulfillmentStatus.Partial] = "PARTIAL",
        [FulfillmentStatus.Fulfilled] = "FULFILLED",
        [FulfillmentStatus.Cancelled] = "CANCELLED",
    });

    /// <summary>The words in enum order.</summary>
    public static IReadOnlyList<string> All => Map.All;

    public static string ToWord(this FulfillmentStatus value) => Map.ToWord(value);

    /// <summary>Accepts the database words, ignoring case and surrounding blanks.</summary>
    public static bool TryParse(string? word, out FulfillmentStatus value) => Map.TryParse(word, out value);

    public static FulfillmentStatus Parse(string? word) => Map.Parse(word);
}
