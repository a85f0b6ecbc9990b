using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Warnings;

namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>SPEC 4, Submit: data that is not HIGH at submit time needs an explicit acknowledgement.</summary>
public static class SubmitRules
{
    /// <summary>
    /// Passes when the warehouse's data is HIGH, or when the caller acknowledged that it is not.
    /// Otherwise a <see cref="PreconditionFailedException"/>: "Data for {warehouse} is {X} hours old"
    /// (or "... has never been synced"), followed by what to do.
    /// </summary>
    /// <param name="level">The warehouse's freshness at submit time (UNKNOWN = never synced).</param>
    /// <param name="ageHours">Its age in hours; null when never synced.</param>
    /// <returns>
    /// Null when the data is HIGH; else the data sentence to write into the SUBMITTED audit row,
    /// since the acknowledgement is audited.
    /// </returns>
    public static string? EnsureFreshEnoughOrAcknowledged(
        FreshnessLevel level, decimal? ageHours, string warehouseName, bool acknowledged)
    {
        if (level == FreshnessLevel.High)
        {
            return null;
        }

        var sentence = level == FreshnessLevel.Unknown || ageHours is null
            ? $"Data for {warehouseName} has never been synced"
            : CalculationWarnings.DataAgeMessage(warehouseName, ageHours.Value);
        if (!acknowledged)
        {
            throw new PreconditionFailedException(
                $"{sentence}; submit again with acknowledge_stale_data set to confirm the list anyway");
        }

        return $"{sentence}; acknowledged at submit";
    }

    public static string? EnsureFreshEnoughOrAcknowledged(
        FreshnessAssessment freshness, string warehouseName, bool acknowledged) =>
        EnsureFreshEnoughOrAcknowledged(freshness.Level, freshness.AgeHours, warehouseName, acknowledged);
}
