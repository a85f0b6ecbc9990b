using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>The horizon of a lead time (<c>lead_time_config.horizon</c>): A transfers, B donations, C procurement.</summary>
public enum LeadTimeHorizon
{
    A,
    B,
    C,
}

/// <summary>Converts <see cref="LeadTimeHorizon"/> to and from the database words.</summary>
public static class LeadTimeHorizonWords
{
    private static readonly WordMap<LeadTimeHorizon> Map = new("lead-time horizon", new Dictionary<LeadTimeHorizon, string>
    {
        [LeadTimeHorizon.A] = "A",
        [LeadTimeHorizon.B] = "B",
        [LeadTimeHorizon.C] = "C",
    });

    /// <summary>The words in enum order.</summary>
    public static IReadOnlyList<string> All => Map.All;

    public static string ToWord(this LeadTimeHorizon value) => Map.ToWord(value);

    /// <summary>Accepts the database words, ignoring case and surrounding blanks.</summary>
    public static bool TryParse(string? word, out LeadTimeHorizon value) => Map.TryParse(word, out value);

    public static LeadTimeHorizon Parse(string? word) => Map.Parse(word);
}
