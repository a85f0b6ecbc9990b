using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Fulfilment;

/// <summary>A legacy transfer's status (<c>transfer.status_code</c>).</summary>
public enum TransferStatus
{
    Pending,
    Dispatched,
    Completed,
    Verified,
}

/// <summary>Converts <see cref="TransferStatus"/> to and from the legacy one-letter codes.</summary>
public static class TransferStatusWords
{
    private static readonly WordMap<TransferStatus> Map = new("transfer status", new Dictionary<TransferStatus, string>
    {
        [TransferStatus.Pending] = "P",
        [TransferStatus.Dispatched] = "D",
        [TransferStatus.Completed] = "C",
        [TransferStatus.Verified] = "V",
    });

    public static string ToWord(this TransferStatus value) => Map.ToWord(value);

    public static TransferStatus Parse(string? word) => Map.Parse(word);
}
