namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>
/// Two-way map between an enum and its database words. Parsing ignores case and surrounding
/// blanks; an unknown word is a <see cref="FormatException"/> listing the valid ones.
/// </summary>
internal sealed class WordMap<TEnum>
    where TEnum : struct, Enum
{
    private readonly string what;
    private readonly Dictionary<TEnum, string> words;
    private readonly Dictionary<string, TEnum> byWord;

    public WordMap(string what, IReadOnlyDictionary<TEnum, string> words)
    {
        this.what = what;
        this.words = new(words);
        byWord = words.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
        var missing = Enum.GetValues<TEnum>().Where(value => !this.words.ContainsKey(value)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"No word for {string.Join(", ", missing)}.", nameof(words));
        }
    }

    /// <summary>The words in enum order.</summary>
    public IReadOnlyList<string> All => [.. Enum.GetValues<TEnum>().Select(value => words[value])];

    public string ToWord(TEnum value) =>
        words.TryGetValue(value, out var word)
            ? word
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Unknown {what}.");

    public bool TryParse(string? word, out TEnum value) =>
        byWord.TryGetValue(word?.Trim().ToUpperInvariant() ?? string.Empty, out value);

    public TEnum Parse(string? word) =>
        TryParse(word, out var value)
            ? value
            : throw new FormatException($"'{word}' is not a {what} ({string.Join(", ", All)}).");
}
