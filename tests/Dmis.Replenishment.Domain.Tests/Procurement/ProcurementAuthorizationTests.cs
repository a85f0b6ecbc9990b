using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Procurement;
using Dmis.Replenishment.Domain.Tests.Workflow;
using static Dmis.Replenishment.Domain.Procurement.ProcurementAction;
using static Dmis.Replenishment.Domain.Procurement.ProcurementStatus;

namespace Dmis.Replenishment.Domain.Tests.Procurement;

public class ProcurementAuthorizationTests
{
    private static ProcurementFacts Procurement(ProcurementStatus status, ApprovalTier tier, Role approver) =>
        new("PR-1-20250901-001", status, "kemar", ["andrea"], new ProcurementApprovalRequirement(tier, approver));

    /// <summary>Letters: O officer, M manager, S senior director, D director general, A administrator, R read-only.</summary>
    public static TheoryData<ProcurementStatus, ProcurementAction, ApprovalTier, Role, string> Matrix => new()
    {
        { Draft, UpdateDraft, ApprovalTier.Tier1, Role.LogisticsManager, "OMSD" },
        { Draft, Submit, ApprovalTier.Tier1, Role.LogisticsManager, "OMSD" },
        { PendingApproval, Approve, ApprovalTier.Tier1, Role.LogisticsManager, "MSD" },
        { PendingApproval, Reject, ApprovalTier.Tier1, Role.LogisticsManager, "MSD" },
        { PendingApproval, Approve, ApprovalTier.Tier2, Role.SeniorDirector, "SD" },
        { PendingApproval, Approve, ApprovalTier.Tier3, Role.DirectorGeneral, "D" },
        { PendingApproval, Approve, ApprovalTier.Emergency, Role.SeniorDirector, "SD" },
        { PendingApproval, Approve, ApprovalTier.Emergency, Role.DirectorGeneral, "D" },
        { Approved, MarkOrdered, ApprovalTier.Tier2, Role.SeniorDirector, "OMSD" },
        { Ordered, MarkShipped, ApprovalTier.Tier2, Role.SeniorDirector, "OMSD" },
        { Shipped, ReceivePart, ApprovalTier.Tier2, Role.SeniorDirector, "OMSD" },
        { Draft, Cancel, ApprovalTier.Tier3, Role.DirectorGeneral, "OMSD" },
        { PendingApproval, Cancel, ApprovalTier.Tier3, Role.DirectorGeneral, "MSD" },
        { Approved, Cancel, ApprovalTier.Tier2, Role.SeniorDirector, "SD" },
        { Ordered, Cancel, ApprovalTier.Tier3, Role.DirectorGeneral, "D" },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void The_role_matrix_decides_who_may_act_on_a_procurement(
        ProcurementStatus status, ProcurementAction action, ApprovalTier tier, Role approver, string allowedLetters)
    {
        var procurement = Procurement(status, tier, approver);
        var wrong = TestCallers.ByLetter
            .Where(pair => allowedLetters.Contains(pair.Key) != Allowed(() => ProcurementAuthorization.EnsureAllowed(pair.Value, action, procurement)))
            .Select(pair => pair.Value.UserId);

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("kemar", Approve, "kemar created this procurement and may not approve it")]
    [InlineData("andrea", Approve, "andrea submitted this procurement and may not approve it")]
    [InlineData("kemar", Reject, "kemar created this procurement and may not reject it")]
    public void The_creator_and_submitter_may_not_decide_on_a_procurement(string userId, ProcurementAction action, string message)
    {
        var caller = TestCallers.With(userId, Role.DirectorGeneral);

        var error = Assert.Throws<PermissionDeniedException>(() => ProcurementAuthorization.EnsureAllowed(
            caller, action, Procurement(PendingApproval, ApprovalTier.Tier1, Role.LogisticsManager)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_manager_is_told_a_tier_two_procurement_needs_a_senior_director()
    {
        var error = Assert.Throws<PermissionDeniedException>(() => ProcurementAuthorization.EnsureAllowed(
            TestCallers.Manager, Approve, Procurement(PendingApproval, ApprovalTier.Tier2, Role.SeniorDirector)));

        Assert.Equal(
            "user marcus may not approve procurement PR-1-20250901-001: it needs the SENIOR_DIRECTOR role or above for a TIER_2 procurement",
            error.Message);
    }

    [Fact]
    public void Approving_without_a_tier_is_a_programming_error()
    {
        var untiered = Procurement(PendingApproval, ApprovalTier.Tier1, Role.LogisticsManager) with { Requirement = null };

        Assert.Throws<InvalidOperationException>(() => ProcurementAuthorization.EnsureAllowed(TestCallers.DirectorGeneral, Approve, untiered));
    }

    [Fact]
    public void Managers_and_administrators_manage_suppliers_and_lead_times()
    {
        string Who(Action<Caller> check) => string.Concat(TestCallers.ByLetter.Where(pair => Allowed(() => check(pair.Value))).Select(pair => pair.Key));

        Assert.Equal("MSDA", Who(ProcurementAuthorization.EnsureCanManageSuppliers));
        Assert.Equal("MSDA", Who(ProcurementAuthorization.EnsureCanManageLeadTimes));
        Assert.Equal("OMSD", Who(ProcurementAuthorization.EnsureCanCreate));
    }

    private static bool Allowed(Action check)
    {
        try
        {
            check();
            return true;
        }
        catch (PermissionDeniedException)
        {
            return false;
        }
    }
}
