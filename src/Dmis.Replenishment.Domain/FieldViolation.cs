namespace Dmis.Replenishment.Domain;

/// <summary>A broken rule on one input field; <see cref="Field"/> is the snake_case field name.</summary>
public sealed record FieldViolation(string Field, string Description);
