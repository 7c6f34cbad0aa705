global using Platform.Hosting;
