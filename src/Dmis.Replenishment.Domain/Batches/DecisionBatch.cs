namespace Dmis.Replenishment.Domain.Batches;

/// <summary>One list of a batch decision and the version its caller read.</summary>
public sealed record BatchMember(int NeedsListId, int ExpectedVersion);

/// <summary>
/// The shape of a batch decision (approve, reject or return several lists): 1 to <see cref="MaxMembers"/>
/// lists, each named once with the version read. Whether each list may be decided is its own rule,
/// checked when it is decided.
/// </summary>
public static class DecisionBatch
{
    public const int MaxMembers = 100;

    public const string Field = "needs_lists";

    public static IReadOnlyList<BatchMember> EnsureValid(IReadOnlyList<BatchMember> members)
    {
        var violations = new List<FieldViolation>();
        if (members.Count == 0)
        {
            violations.Add(new(Field, "must name at least one needs list"));
        }
        else if (members.Count > MaxMembers)
        {
            violations.Add(new(Field, $"must have at most {MaxMembers} entries"));
        }

        var seen = new HashSet<int>();
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i].NeedsListId <= 0)
            {
                violations.Add(new($"{Field}[{i}].needs_list_id", "must be a positive id"));
            }
            else if (!seen.Add(members[i].NeedsListId))
            {
                violations.Add(new($"{Field}[{i}].needs_list_id", $"needs list {members[i].NeedsListId} is listed more than once"));
            }

            if (members[i].ExpectedVersion <= 0)
            {
                violations.Add(new($"{Field}[{i}].expected_version", "is required: the version you read"));
            }
        }

        return violations.Count > 0 ? throw new DomainValidationException(violations) : members;
    }
}
