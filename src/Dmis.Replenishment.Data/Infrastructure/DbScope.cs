using Npgsql;

namespace Dmis.Replenishment.Data.Infrastructure;

/// <summary>An open connection and the transaction that a whole mutation runs in.</summary>
public sealed record DbScope(NpgsqlConnection Connection, NpgsqlTransaction Transaction);
