using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Batches;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Workflow;
using Dmis.Replenishment.Server.Application.Workflow;

namespace Dmis.Replenishment.Server.Application.Batches;

/// <summary>One list's outcome in a batch: the list as decided, or the refusal of its own decision.</summary>
public sealed record BatchOutcome(int NeedsListId, StoredNeedsList? Decided, DomainException? Refusal);

/// <summary>
/// ApproveNeedsLists, RejectNeedsLists, ReturnNeedsLists (SPEC 9): each list goes through the single-list
/// use case of <see cref="NeedsListWorkflow"/> in its own transaction, so its separation of duties, approval
/// level, version, audit and event are exactly those of a single decision. A refusal is that list's outcome,
/// never the batch's.
/// </summary>
public sealed class NeedsListBatchDecisions(NeedsListWorkflow workflow)
{
    public Task<IReadOnlyList<BatchOutcome>> ApproveAsync(
        MemberTransactions transactions, Caller caller, IReadOnlyList<BatchMember> members, string? notes,
        CancellationToken cancellationToken) =>
        DecideEachAsync(transactions, caller, members, notes, workflow.ApproveAsync, cancellationToken);

    public Task<IReadOnlyList<BatchOutcome>> RejectAsync(
        MemberTransactions transactions, Caller caller, IReadOnlyList<BatchMember> members, string? reason,
        CancellationToken cancellationToken) =>
        DecideEachAsync(transactions, caller, members, DecisionReason.Required(reason), workflow.RejectAsync, cancellationToken);

    public Task<IReadOnlyList<BatchOutcome>> ReturnAsync(
        MemberTransactions transactions, Caller caller, IReadOnlyList<BatchMember> members, string? reason,
        CancellationToken cancellationToken) =>
        DecideEachAsync(transactions, caller, members, DecisionReason.Required(reason), workflow.ReturnAsync, cancellationToken);

    private static async Task<IReadOnlyList<BatchOutcome>> DecideEachAsync(
        MemberTransactions transactions,
        Caller caller,
        IReadOnlyList<BatchMember> members,
        string? text,
        Func<DbScope, Caller, DecisionCommand, CancellationToken, Task<StoredNeedsList>> decide,
        CancellationToken cancellationToken)
    {
        DecisionBatch.EnsureValid(members);
        var outcomes = new List<BatchOutcome>(members.Count);
        foreach (var member in members)
        {
            var command = new DecisionCommand(member.NeedsListId, member.ExpectedVersion, text);
            try
            {
                var decided = await transactions.RunAsync(scope => decide(scope, caller, command, cancellationToken));
                outcomes.Add(new(member.NeedsListId, decided, null));
            }
            catch (DomainException refusal)
            {
                outcomes.Add(new(member.NeedsListId, null, refusal));
            }
        }

        return outcomes;
    }
}
