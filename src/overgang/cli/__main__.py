from overgang.cli.main import app

app()
