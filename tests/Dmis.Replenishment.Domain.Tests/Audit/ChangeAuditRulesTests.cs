using Dmis.Replenishment.Domain.Audit;
using Dmis.Replenishment.Domain.Batches;
using Dmis.Replenishment.Domain.Procurement;

namespace Dmis.Replenishment.Domain.Tests.Audit;

public class ChangeAuditRulesTests
{
    private static readonly DateTime Noon = new(2026, 12, 4, 12, 0, 0);

    [Fact]
    public void An_entity_id_without_its_kind_is_refused_because_ids_repeat_across_kinds()
    {
        var error = Assert.Throws<DomainValidationException>(() => new ChangeAuditFilter(null, 7, null, null).EnsureValid());

        Assert.Equal("entity_id", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void A_time_range_may_not_end_before_it_starts_but_may_be_one_moment()
    {
        var error = Assert.Throws<DomainValidationException>(
            () => new ChangeAuditFilter(AuditedEntity.Supplier, 0, Noon, Noon.AddSeconds(-1)).EnsureValid());

        Assert.Equal("until", Assert.Single(error.Violations).Field);
        Assert.NotNull(new ChangeAuditFilter(AuditedEntity.Supplier, 3, Noon, Noon).EnsureValid());
    }

    [Fact]
    public void Both_receipts_are_audited_as_received_and_every_procurement_action_has_a_word()
    {
        Assert.Equal(ChangeAction.Received, ChangeActionWords.Of(ProcurementAction.ReceivePart));
        Assert.Equal(ChangeAction.Received, ChangeActionWords.Of(ProcurementAction.ReceiveAll));
        Assert.All(Enum.GetValues<ProcurementAction>(), action => Assert.NotEmpty(ChangeActionWords.Of(action).ToWord()));
        Assert.Equal("PHASE_CONFIG", AuditedEntity.PhaseConfig.ToWord());
    }

    [Fact]
    public void A_batch_names_one_to_a_hundred_lists_each_once_with_its_version()
    {
        Assert.Equal(100, DecisionBatch.EnsureValid([.. Enumerable.Range(1, 100).Select(id => new BatchMember(id, 1))]).Count);

        Assert.Equal("needs_lists", Assert.Single(Assert.Throws<DomainValidationException>(() => DecisionBatch.EnsureValid([])).Violations).Field);
        Assert.Equal("needs_lists", Assert.Single(Assert.Throws<DomainValidationException>(
            () => DecisionBatch.EnsureValid([.. Enumerable.Range(1, 101).Select(id => new BatchMember(id, 1))])).Violations).Field);
        Assert.Equal(
            ["needs_lists[1].needs_list_id", "needs_lists[2].needs_list_id", "needs_lists[2].expected_version"],
            Assert.Throws<DomainValidationException>(() => DecisionBatch.EnsureValid(
                [new BatchMember(5, 1), new BatchMember(5, 2), new BatchMember(0, 0)])).Violations.Select(v => v.Field));
    }
}
