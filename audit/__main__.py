from audit.cli import main

if __name__ == "__main__":  # a spawned worker process (a local Dask cluster) imports this module again
    raise SystemExit(main())
