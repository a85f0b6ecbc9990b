using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Errors;

namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>
/// Whoever created or submitted a record may not decide on it (SPEC 1 and 4; procurement by
/// "same separation of duties"). User ids compare without regard to case.
/// </summary>
public static class SeparationOfDuties
{
    /// <param name="caller">Who wants to decide.</param>
    /// <param name="subject">"needs list" or "procurement".</param>
    /// <param name="verb">"approve", "reject", "return", "review".</param>
    /// <param name="createdBy">The record's creator (create_by_id).</param>
    /// <param name="submitters">
    /// Everyone who submitted it: the current submitted_by, and for the strict reading every
    /// earlier submitter from the audit trail. Nulls and blanks are ignored.
    /// </param>
    public static void Ensure(
        Caller caller, string subject, string verb, string createdBy, IEnumerable<string?> submitters)
    {
        if (SameUser(caller.UserId, createdBy))
        {
            throw new PermissionDeniedException(
                $"{caller.UserId} created this {subject} and may not {verb} it");
        }

        if (submitters.Any(submitter => SameUser(caller.UserId, submitter)))
        {
            throw new PermissionDeniedException(
                $"{caller.UserId} submitted this {subject} and may not {verb} it");
        }
    }

    private static bool SameUser(string userId, string? other) =>
        !string.IsNullOrWhiteSpace(other)
        && string.Equals(userId.Trim(), other.Trim(), StringComparison.OrdinalIgnoreCase);
}
