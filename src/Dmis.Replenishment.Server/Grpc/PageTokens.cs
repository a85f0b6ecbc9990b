using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Dmis.Replenishment.Domain;
using Google.Protobuf;

namespace Dmis.Replenishment.Server.Grpc;

/// <summary>
/// Page tokens are opaque and tamper-evident: the last row's keys, sealed with an HMAC over the keys
/// and the request's filters (every field but page_size and page_token). A token edited, forged, or
/// replayed with other filters is INVALID_ARGUMENT, so no key read from a token can be out of range.
/// </summary>
public sealed class PageTokens(byte[] key)
{
    private const int MacLength = 16;
    private const string TokenField = "page_token";

    /// <summary>The paging of <paramref name="request"/>, a list request with page_size and page_token fields.</summary>
    public Paging Open<TRequest>(TRequest request, int pageSize, string pageToken, int keyCount)
        where TRequest : IMessage<TRequest>
    {
        var filters = FiltersOf(request);
        var after = string.IsNullOrEmpty(pageToken) ? [] : Unseal(pageToken, filters, keyCount);
        return new Paging(Paging.SizeFrom(pageSize), after, keys => Seal(keys, filters));
    }

    private static byte[] FiltersOf<TRequest>(TRequest request)
        where TRequest : IMessage<TRequest>
    {
        var filters = request.Clone();
        foreach (var name in new[] { "page_size", TokenField })
        {
            filters.Descriptor.FindFieldByName(name)?.Accessor.Clear(filters);
        }

        return SHA256.HashData([.. Encoding.UTF8.GetBytes(request.Descriptor.FullName), .. filters.ToByteArray()]);
    }

    private string Seal(long[] keys, byte[] filters)
    {
        var payload = new byte[keys.Length * sizeof(long)];
        for (var i = 0; i < keys.Length; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(i * sizeof(long)), keys[i]);
        }

        return Base64Url.EncodeToString([.. payload, .. Mac(payload, filters)]);
    }

    private long[] Unseal(string token, byte[] filters, int keyCount)
    {
        var expectedLength = keyCount * sizeof(long) + MacLength;
        byte[] bytes;
        try
        {
            bytes = token.Length <= 4 * expectedLength ? Base64Url.DecodeFromChars(token) : [];
        }
        catch (FormatException)
        {
            bytes = [];
        }

        if (bytes.Length != expectedLength)
        {
            throw Refused();
        }

        var payload = bytes.AsSpan(0, keyCount * sizeof(long)).ToArray();
        if (!CryptographicOperations.FixedTimeEquals(Mac(payload, filters), bytes.AsSpan(payload.Length)))
        {
            throw Refused();
        }

        return Enumerable.Range(0, keyCount)
            .Select(i => BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(i * sizeof(long))))
            .ToArray();
    }

    private byte[] Mac(byte[] payload, byte[] filters) =>
        HMACSHA256.HashData(key, (byte[])[.. filters, .. payload])[..MacLength];

    private static DomainValidationException Refused() =>
        new(TokenField, "is not a token this call returned for these filters (tokens are sealed; start again without one)");
}
