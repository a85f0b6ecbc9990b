using System.Text.RegularExpressions;
using Dmis.Replenishment.Domain.Batches;
using Dmis.Replenishment.Server.Application.Batches;
using Dmis.Replenishment.Server.Errors;
using Dmis.Replenishment.V1;
using Google.Protobuf.Collections;

namespace Dmis.Replenishment.Server.Grpc.Mapping;

/// <summary>Batch decisions between the contract and the use case; a refusal reads as the single call's gRPC status.</summary>
public static partial class BatchDecisionMapping
{
    public static IReadOnlyList<BatchMember> ToDomain(this RepeatedField<NeedsListVersion> members) =>
        [.. members.Select(member => new BatchMember(member.NeedsListId, member.ExpectedVersion))];

    public static IEnumerable<NeedsListDecisionOutcome> ToProto(this IReadOnlyList<BatchOutcome> outcomes) =>
        outcomes.Select(ToProto);

    private static NeedsListDecisionOutcome ToProto(BatchOutcome outcome)
    {
        if (outcome.Decided is { } decided)
        {
            var list = decided.ToProto();
            return new() { NeedsListId = outcome.NeedsListId, Ok = true, Status = list.Status, Version = list.Version };
        }

        var status = RpcErrors.From(outcome.Refusal!, CancellationToken.None).Status;
        return new()
        {
            NeedsListId = outcome.NeedsListId,
            ErrorCode = (int)status.StatusCode,
            ErrorName = UpperSnake().Replace(status.StatusCode.ToString(), "$1_$2").ToUpperInvariant(),
            ErrorMessage = status.Detail,
        };
    }

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex UpperSnake();
}
