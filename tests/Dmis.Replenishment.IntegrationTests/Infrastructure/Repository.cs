namespace Dmis.Replenishment.IntegrationTests.Infrastructure;

public static class Repository
{
    /// <summary>The checkout these tests run from (the folder holding Dmis.Grpc.sln).</summary>
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dmis.Grpc.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root (Dmis.Grpc.sln) not found");
    }

    /// <summary>The build configuration of these tests: bin/{configuration}/net10.0.</summary>
    public static string BuildConfiguration() => new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
}
