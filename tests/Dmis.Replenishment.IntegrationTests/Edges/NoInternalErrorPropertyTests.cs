using System.Diagnostics;
using System.Net;
using CsCheck;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Xunit.Abstractions;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.Edges;

/// <summary>
/// "INTERNAL is a bug" (SPEC 6): every RPC of the three services, through gRPC and through HTTP/JSON,
/// with a seeded catalogue of generated malformed requests and callers. Any INTERNAL or UNKNOWN
/// status, or HTTP 500, fails the test with the cases that produced it (and UNAVAILABLE: the database is up). The seed fixes the catalogue,
/// so a failure replays.
/// </summary>
public sealed class NoInternalErrorPropertyTests(NoInternalErrorPropertyTests.Fixture fixture, ITestOutputHelper output)
    : IClassFixture<NoInternalErrorPropertyTests.Fixture>
{
    private const string Seed = "0N0XIzNsQ0O2";
    private const int CasesPerRpcAndTransport = 40;
    private static readonly TimeSpan StreamWait = TimeSpan.FromMilliseconds(250);

    /// <summary>Event 1 in SURGE with a generated needs list at warehouse 1, event 2 closed; item 1 with stock and demand.</summary>
    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Infrastructure.Seed(this);
            await seed.EventAsync(1, "SURGE");
            await seed.EventAsync(2, "BASELINE", status: "C");
            await seed.WarehouseAsync(1, "KINGSTON CENTRAL");
            await seed.WarehouseAsync(2, "MONTEGO BAY HUB");
            await seed.ItemAsync(1, "WATER");
            await seed.StockAsync(1, 1, 100);
            await seed.StockAsync(2, 1, 5000);
            await seed.FulfilmentAsync(1, 1, 1, 300, hoursAgo: 1);
            var client = new NeedsListService.NeedsListServiceClient(Factory.CreateChannel());
            await client.GenerateNeedsListAsync(
                new GenerateNeedsListRequest { EventId = 1, WarehouseId = 1, RequestId = "fixture-generate" },
                Bearer(Token("dg1", "DIRECTOR_GENERAL")));
        }
    }

    /// <summary>A national director who also administers (reaches every use case), an officer, a reader, and a forged user id.</summary>
    private static readonly string[] CallerTokens =
    [
        Token("dg1", "DIRECTOR_GENERAL", "SYSTEM_ADMINISTRATOR"),
        Token("officer1", "LOGISTICS_OFFICER"),
        Token("reader1"),
        Token("bad\0user", "DIRECTOR_GENERAL"),
    ];

    private static readonly IReadOnlyList<MethodDescriptor> Rpcs =
        new[] { EventPhaseService.Descriptor, NeedsListService.Descriptor, ProcurementService.Descriptor }
            .SelectMany(service => service.Methods)
            .ToList();

    /// <summary>How many cases ended how ("gRPC InvalidArgument", "HTTP 400"): shows the catalogue reaches past the edge.</summary>
    private readonly Dictionary<string, int> outcomes = [];

    private void Count(string outcome) => outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;

    /// <summary>The database is up throughout, so UNAVAILABLE (HTTP 503) would also hide a bug.</summary>
    private static readonly StatusCode[] Bugs = [StatusCode.Internal, StatusCode.Unknown, StatusCode.Unavailable];

    [Fact]
    public async Task No_malformed_request_through_either_transport_gives_internal_unknown_or_http_500()
    {
        var grpcCases = Gen.Select(Gen.OneOf(Rpcs.ToArray()).SelectMany(GrpcCaseOf), Gen.OneOf(CallerTokens));
        var httpCases = Gen.Select(Gen.OneOf(Rpcs.ToArray()).SelectMany(HttpCaseOf), Gen.OneOf(CallerTokens));
        var size = Rpcs.Count * CasesPerRpcAndTransport;
        var catalogue = Gen.Select(grpcCases.Array[size], httpCases.Array[size]);
        var failures = new List<string>();
        outcomes.Clear();
        var watch = Stopwatch.StartNew();

        await catalogue.SampleAsync(async (grpc, http) =>
        {
            foreach (var ((method, request), token) in grpc)
            {
                if (await GrpcBugAsync(method, request, token) is { } bug)
                {
                    failures.Add($"gRPC {method.FullName} {Describe(request)}: {bug}");
                }
            }

            foreach (var ((method, request), token) in http)
            {
                if (await HttpBugAsync(request, token) is { } bug)
                {
                    failures.Add($"HTTP {method.FullName} {request}: {bug}");
                }
            }
        }, iter: 1, threads: 1, seed: Seed, print: _ => $"the catalogue of seed {Seed}");

        output.WriteLine("outcomes: " + string.Join(", ", outcomes.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {pair.Value}")));
        output.WriteLine($"catalogue: {Rpcs.Count} RPCs x 2 transports, {size} gRPC + {size} HTTP/JSON = {2 * size} cases (seed {Seed}) in {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, $"{failures.Count} of {2 * size} cases failed:\n" + string.Join("\n", failures.Distinct().Take(40)));
    }

    /// <summary>The request as JSON, or as base64 protobuf when JSON cannot show it (unpaired surrogates, bad timestamps).</summary>
    private static string Describe(IMessage request)
    {
        try
        {
            return request.ToString()!;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return "protobuf:" + request.ToByteString().ToBase64();
        }
    }

    private static Gen<(MethodDescriptor, IMessage)> GrpcCaseOf(MethodDescriptor method) =>
        MalformedValues.Message(method.InputType).Select(request => (method, request));

    private static Gen<(MethodDescriptor, HttpCase)> HttpCaseOf(MethodDescriptor method) =>
        MalformedJson.Request(method).Select(request => (method, request));

    private async Task<string?> GrpcBugAsync(MethodDescriptor method, IMessage request, string token)
    {
        var invoker = fixture.Factory.CreateChannel().CreateCallInvoker();
        var rpc = new Method<IMessage, IMessage>(
            method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary,
            method.Service.FullName,
            method.Name,
            Marshallers.Create(message => message.ToByteArray(), bytes => method.InputType.Parser.ParseFrom(bytes)),
            Marshallers.Create(message => message.ToByteArray(), bytes => method.OutputType.Parser.ParseFrom(bytes)));
        // A stream that stays open is left by cancelling it (a passed deadline would reset it and read as UNAVAILABLE).
        using var leave = new CancellationTokenSource(StreamWait);
        var options = method.IsServerStreaming
            ? new CallOptions(Bearer(token), cancellationToken: leave.Token)
            : new CallOptions(Bearer(token), deadline: DateTime.UtcNow.AddSeconds(30));
        try
        {
            if (method.IsServerStreaming)
            {
                using var stream = invoker.AsyncServerStreamingCall(rpc, null, options, request);
                await stream.ResponseStream.MoveNext();
            }
            else
            {
                await invoker.AsyncUnaryCall(rpc, null, options, request);
            }

            Count("gRPC OK");
        }
        catch (RpcException exception)
        {
            Count($"gRPC {exception.StatusCode}");
            if (Bugs.Contains(exception.StatusCode))
            {
                return $"{exception.StatusCode}: {exception.Status.Detail}";
            }
        }

        return null;
    }

    private async Task<string?> HttpBugAsync(HttpCase request, string token)
    {
        using var client = fixture.Factory.CreateClient();
        using var message = new HttpRequestMessage(request.Method, request.PathAndQuery);
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, System.Text.Encoding.UTF8, "application/json");
        }

        message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var timeout = new CancellationTokenSource(StreamWait * 40);
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            Count($"HTTP {(int)response.StatusCode}");
            if (response.StatusCode < HttpStatusCode.InternalServerError)
            {
                return null;
            }

            return $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
        }
        catch (OperationCanceledException)
        {
            Count("HTTP stream open");
            return null; // a stream that stayed open: no error
        }
    }
}
