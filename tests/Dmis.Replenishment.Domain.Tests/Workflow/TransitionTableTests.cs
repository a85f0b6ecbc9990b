using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Tests.Workflow;

public class TransitionTableTests
{
    private enum Light
    {
        Red,
        Green,
    }

    private enum Press
    {
        Go,
        Stop,
    }

    [Fact]
    public void A_table_refuses_the_same_move_twice()
    {
        Assert.Throws<ArgumentException>(() => new TransitionTable<Light, Press>(
            "light", [new(Light.Red, Press.Go, Light.Green), new(Light.Red, Press.Go, Light.Red)], l => l.ToString(), p => p.ToString(), []));
    }

    [Fact]
    public void A_table_refuses_a_move_out_of_a_final_status()
    {
        Assert.Throws<ArgumentException>(() => new TransitionTable<Light, Press>(
            "light", [new(Light.Red, Press.Go, Light.Green)], l => l.ToString(), p => p.ToString(), [Light.Red]));
    }

    [Fact]
    public void An_action_allowed_nowhere_says_so()
    {
        var table = new TransitionTable<Light, Press>("light", [new(Light.Red, Press.Go, Light.Green)], l => l.ToString(), p => p.ToString(), []);

        var error = Assert.Throws<Errors.PreconditionFailedException>(() => table.Next(Light.Green, Press.Stop, "L1"));

        Assert.Equal("light L1 is Green; it cannot be Stop (never allowed)", error.Message);
    }
}
