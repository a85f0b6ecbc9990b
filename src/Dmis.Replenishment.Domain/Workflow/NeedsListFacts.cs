using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Phases;

namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>
/// What the permission rules need to know about a stored needs list.
/// <see cref="Submitters"/>: the current submitted_by and, for the strict reading of
/// separation of duties, earlier submitters from the audit trail (a list returned and resubmitted).
/// <see cref="Escalated"/>: whether it was escalated since its latest submission.
/// </summary>
public sealed record NeedsListFacts(
    string NeedsListNo,
    EventPhase Phase,
    NeedsListStatus Status,
    string CreatedBy,
    IReadOnlyList<string> Submitters,
    bool Escalated = false)
{
    /// <summary>The lowest role that may review, approve, reject or return it now.</summary>
    public Role ApproverRole => ApprovalLevel.Required(Phase, Escalated);
}
