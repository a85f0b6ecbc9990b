using Microsoft.Extensions.Options;

namespace Dmis.Replenishment.Server.Options;

/// <summary>Turns a settings class's own Problems() into start-up validation naming the bad setting.</summary>
public sealed class ProblemsValidator<TOptions>(Func<TOptions, IEnumerable<string>> problems) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var found = problems(options).ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}
