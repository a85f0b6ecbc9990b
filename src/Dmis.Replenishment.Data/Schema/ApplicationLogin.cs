using Dapper;
using Npgsql;

namespace Dmis.Replenishment.Data.Schema;

/// <summary>
/// The login role the service connects as: a member of dmis_app_user (the guide's application role,
/// created by V2), so it holds the application's grants and nothing more; never the schema owner.
/// Run as the owner (or a role with CREATEROLE) after migrating.
/// </summary>
public static class ApplicationLogin
{
    /// <summary>Creates <paramref name="login"/> if missing (else sets its password, when given) and makes it a member of dmis_app_user.</summary>
    public static async Task EnsureAsync(string ownerConnectionString, string login, string? password, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Role names and passwords cannot be parameters of CREATE ROLE: they travel as settings and are quoted by format().
        await connection.ExecuteAsync(new CommandDefinition(
            """
            select set_config('dmis.login', @login, true), set_config('dmis.password', coalesce(@password, ''), true);
            do $$
            declare
                v_login text := current_setting('dmis.login');
                v_password text := nullif(current_setting('dmis.password'), '');
            begin
                if not exists (select 1 from pg_catalog.pg_roles where rolname = v_login) then
                    execute format('create role %I login', v_login);
                end if;
                if v_password is not null then
                    execute format('alter role %I password %L', v_login, v_password);
                end if;
                execute format('grant dmis_app_user to %I', v_login);
            end
            $$;
            """,
            new { login, password }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
