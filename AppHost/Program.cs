Console.WriteLine("The Platform AppHost is being built: see README.md.");
